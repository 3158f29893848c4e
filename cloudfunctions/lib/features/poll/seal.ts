/**
 * A ballot's choice is sealed with the data key from the moment it is cast until the tally:
 * while the poll is open no read — of the store, a backup or an export — shows how anyone
 * voted, and only the close-time tally opens them.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../kernel/deps';

export interface Choice {
  optionIds?: string[];
  abstain?: true;
  openText?: string;
}

export function sealChoice(deps: Pick<Deps, 'cipher'>, choice: Choice): string {
  return deps.cipher.encrypt(JSON.stringify(choice));
}

export function openChoice(deps: Pick<Deps, 'cipher'>, sealed: string): Choice {
  return JSON.parse(deps.cipher.decrypt(sealed)) as Choice;
}

/** The marks as a person reads them: the options' labels, or 弃权. */
export function choiceLabels(options: readonly { id: string; label: string }[], choice: Choice): string[] {
  return choice.abstain ? ['弃权'] : options.filter((o) => choice.optionIds?.includes(o.id)).map((o) => o.label);
}

/** The same marks on two entries of one paper ballot: options in any order, or both abstain. */
export function sameMarks(a: Choice, b: Choice): boolean {
  if (a.abstain || b.abstain) return !!a.abstain && !!b.abstain;
  return JSON.stringify([...(a.optionIds ?? [])].sort()) === JSON.stringify([...(b.optionIds ?? [])].sort());
}

/** 「7K3Q-9F2M」 from the sealed text (random per sealing): recognisable, says nothing of the choice. */
export function receiptFor(sealed: string): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const digest = createHash('sha256').update(`receipt:${sealed}`).digest();
  const chars = [...digest.subarray(0, 8)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}
