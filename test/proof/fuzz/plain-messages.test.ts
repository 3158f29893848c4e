/**
 * Every message the contract layer gives a person is plain Chinese: for every contract,
 * inputs generated from its JSON Schema, one-field mutations of a conforming input (a field
 * dropped, replaced by something hostile, an unknown one added) and wild values are checked
 * with the shared schema, as the device and the server both do, and no issue may carry zod's
 * own wording (「出现未知的键」「无效输入：期望…」), English, or no Chinese at all.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { ActionContract } from '../../../miniprogram/core/action';
import { contracts } from '../../../miniprogram/core/contracts';
import { z } from '../../../miniprogram/core/schema';
import { validateInput } from '../../../miniprogram/core/validate';
import { conforming, inputFor, type JsonSchema } from './arbitraries';

const RUNS = Number(process.env.PROOF_FUZZ_RUNS ?? 150);

function seedFor(name: string): number {
  const base = process.env.PROOF_FUZZ_SEED ? Number(process.env.PROOF_FUZZ_SEED) : 20261128;
  return (base ^ createHash('sha1').update(`plain:${name}`).digest().readInt32BE(0)) | 0;
}

/** zod's zh-CN and English wording, and anything with no Chinese in it. */
const ZOD_WORDING = /无效输入|无效选项|无效字符串|无效数字|期望|实际接收|未知的键|键\(key\)|值\(value\)|数值过大|数值过小|instanceof|Invalid|Expected|Unrecognized|Too (big|small)|received|undefined|NaN/;

export function plainProblem(message: string): string | null {
  if (!/[\u4e00-\u9fff]/.test(message)) return 'has no Chinese';
  if (ZOD_WORDING.test(message)) return 'speaks zod';
  return null;
}

describe('every contract answers bad input in plain Chinese', () => {
  for (const [name, c] of Object.entries(contracts)) {
    it(name, () => {
      const schema = z.toJSONSchema(c.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      const data = conforming(schema).chain((valid) =>
        valid && typeof valid === 'object' && !Array.isArray(valid) ? inputFor(schema, valid as Record<string, unknown>) : fc.constant(valid),
      );
      fc.assert(
        fc.property(data, (input) => {
          const res = validateInput(c as ActionContract, input);
          if (res.ok) return;
          const issues = (res.error.details as { issues: Array<{ path: string; message: string }> }).issues;
          for (const m of [res.error.message, ...issues.map((i) => i.message)]) {
            const problem = plainProblem(m);
            if (problem) throw new Error(`${name}: 「${m}」 ${problem}; input ${JSON.stringify(input)?.slice(0, 300)}`);
          }
        }),
        { seed: seedFor(name), numRuns: RUNS },
      );
    });
  }
});

describe('the words for what people commonly get wrong', () => {
  const issuesOf = (name: keyof typeof contracts, input: unknown) => {
    const res = validateInput(contracts[name] as ActionContract, input);
    if (res.ok) throw new Error('accepted');
    return (res.error.details as { issues: Array<{ path: string; message: string }> }).issues;
  };
  it('names an unknown field as one it does not know', () => {
    expect(issuesOf('concern.note', { concernId: 'c_1', text: '备注', openid: 'x' })).toContainEqual({ path: '', message: '不认识的字段：openid' });
  });
  it('asks for a reason left out instead of saying it must be text', () => {
    expect(issuesOf('concern.transfer', { concernId: 'c_1', toGridId: 'g_1' })).toContainEqual({ path: 'reason', message: '请填写转交原因' });
    expect(issuesOf('concern.transfer', { concernId: 'c_1', toGridId: 'g_1', reason: 5 })).toContainEqual({ path: 'reason', message: '转交原因必须是文字' });
  });
  it('names the field of a wrong type or a value out of range', () => {
    expect(issuesOf('concern.whistle', { concernId: 'c_1', departmentId: 'd_1', note: '请协调', replyDays: 'three' })).toContainEqual({ path: 'replyDays', message: '回复期限格式不对' });
    expect(issuesOf('concern.whistle', { concernId: 'c_1', departmentId: 'd_1', note: '请协调', replyDays: 99 })).toContainEqual({ path: 'replyDays', message: '回复期限不能大于30' });
    expect(issuesOf('moderation.decide', { itemId: 'mod_1', decision: 'maybe' })).toContainEqual({ path: 'decision', message: '审核结果不在可选范围内，请重新选择' });
  });
});
