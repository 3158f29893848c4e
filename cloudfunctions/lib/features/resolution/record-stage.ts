import type { Handler } from '../../kernel/action';
import { checkWritten } from '../../kernel/content';
import { checkPhotos, markAttached } from '../media/attach';
import { resolutionSubject, type StageEntry } from './records';
import { checkStage, insertStage } from './stages';
import { commitResolution, loadResolution, viewFor } from './transition';
import { PROCEDURE_STAGE_LABELS } from '../../../../miniprogram/core/council/vocabulary';

/**
 * 登记四议两公开的一个环节: in register order, each once; a meeting stage with its 应到/实到,
 * refused below its body's quorum (stages.ts). Written with the register's attachments (the
 * signed sheet, the notice board photo), which follow the resolution's visibility.
 */
export const recordStage: Handler<'resolution.recordStage'> = async (ctx) => {
  const { input, caller } = ctx;
  const db = ctx.db();
  const r = await loadResolution(ctx, input.resolutionId);
  const checked = checkStage(r, input, ctx.now);
  const subject = resolutionSubject(r._id);
  await Promise.all([checkPhotos(db, caller.memberId, input.attachments, subject), checkWritten(ctx, { bodyText: input.bodyText, outcome: input.outcome })]);
  const entry: StageEntry = {
    stage: input.stage,
    date: input.date,
    bodyText: input.bodyText,
    due: checked.due,
    present: checked.present,
    quorumText: checked.quorum?.quorumText || null,
    outcome: input.outcome,
    attachments: input.attachments,
    recordedById: caller.memberId,
    recordedByName: caller.name ?? '社区工作人员',
    at: ctx.now,
  };
  const { next } = await commitResolution(
    db,
    caller,
    r,
    { stages: insertStage(r.stages, entry) },
    { type: 'resolution.stageRecorded', note: `${PROCEDURE_STAGE_LABELS[input.stage]}：${input.outcome}`, photos: input.attachments, from: null, to: input.stage },
    ctx.now,
  );
  await markAttached(db, input.attachments, subject);
  return viewFor(ctx, next);
};
