import type { ActionContract, ContractInput, ContractOutput } from '../core/action';
import type { Envelope } from '../core/envelope';
import { DEFAULT_MESSAGES, type ErrorBody, type ErrorCode } from '../core/errors';
import { call, newIdempotencyKey } from './api';
import { emptyErrors, formMessage, pickFieldErrors } from './form';

/** What a form needs of its page or component: only setData. */
export interface FormHost {
  setData(patch: Record<string, unknown>): void;
}

/** The setData keys one form renders into; two forms on a screen use two sets. */
export interface FormKeys {
  /** Field name → message under that field ('' = none). */
  errors: string;
  /** The message next to the submit button. */
  message: string;
  /** The submit button shows a spinner and ignores taps. */
  busy: string;
}

export const DEFAULT_FORM_KEYS: FormKeys = { errors: 'errors', message: 'formError', busy: 'submitting' };

/** Keys for one of several forms on a screen: `gridErrors`, `gridError`, `saving`. */
export function formKeys(name: string, busy = 'saving'): FormKeys {
  return { errors: `${name}Errors`, message: `${name}Error`, busy };
}

export interface FormSpec<K extends string> {
  /** The fields that show their own message; issues about any other field go to `message`. */
  fields: readonly K[];
  keys?: Partial<FormKeys>;
  /**
   * Words for a field left empty, where the schema would speak of an id's format: the
   * resident sees a picker, not an id.
   */
  whenEmpty?: Partial<Record<K, string>>;
  /** This form's words for an error code, where it can say more than the server's default. */
  messages?: Partial<Record<ErrorCode, string>>;
}

/** Same content, same text: key order does not make two drafts differ. */
function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Failures after which the action may or may not have happened on the server. */
const OUTCOME_UNKNOWN: readonly ErrorCode[] = ['NETWORK_ERROR', 'INTERNAL'];

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * One form's submit routine: one request at a time, field messages under their fields,
 * and, for actions that create something, one idempotency key per draft — a retry of the
 * same content reuses it (the lost answer may have been a success), changed content is a
 * new intent and gets a new key — except after a lost answer (or for a restored draft),
 * when the edit goes under the same key until the server answers, so a first version that
 * did arrive is named (CONFLICT) rather than filed twice. A definite refusal (anything but a lost answer) ends the
 * intent too: the server made nothing, so the next try is new.
 */
export class FormSubmit<C extends ActionContract, K extends string> {
  private sending = false;
  private draftKey = '';
  private draftPrint = '';
  /** A request under the key went out and its answer was lost: the key stays till one comes. */
  private unsettled = false;
  private readonly keys: FormKeys;

  constructor(
    private readonly host: FormHost,
    private readonly contract: C,
    private readonly spec: FormSpec<K>,
  ) {
    this.keys = { ...DEFAULT_FORM_KEYS, ...spec.keys };
  }

  get busy(): boolean {
    return this.sending;
  }

  /** The key this content would be sent with; a saved draft keeps it beside the text. */
  keyFor(input: ContractInput<C>): string {
    const print = fingerprint(input);
    // After a lost answer an edited draft keeps the key: had the first version arrived, the
    // server says so (CONFLICT naming it) instead of filing the edit as a second one.
    if (!this.draftKey || (print !== this.draftPrint && !this.unsettled)) {
      this.draftKey = newIdempotencyKey();
      this.draftPrint = print;
    }
    return this.draftKey;
  }

  /** Takes back the key of a restored draft, valid for as long as its content is unchanged. */
  adopt(key: string, input: ContractInput<C>): void {
    this.draftKey = key;
    this.draftPrint = fingerprint(input);
    // It may have gone out before the app closed: kept, like a lost answer's key, even when edited.
    this.unsettled = true;
  }

  /** The text for an error: this form's words for the code, else the server's, else the default. */
  messageOf(error: ErrorBody): string {
    return this.spec.messages?.[error.code] ?? (error.message || DEFAULT_MESSAGES[error.code] || DEFAULT_MESSAGES.INTERNAL);
  }

  /** Clears every message, as when the form is opened again or closed. */
  clear(): void {
    const k = this.keys;
    this.host.setData({ [k.errors]: emptyErrors(this.spec.fields), [k.message]: '' });
  }

  /** Shows a failure the way a submit would; also for refusals found before sending. */
  showError(error: ErrorBody, input?: Partial<Record<K, unknown>>): void {
    const errors = pickFieldErrors(error, this.spec.fields);
    for (const f of this.spec.fields) {
      const words = this.spec.whenEmpty?.[f];
      if (words && errors[f] && input && isEmpty(input[f])) errors[f] = words;
    }
    const shown = formMessage(error, this.spec.fields);
    const k = this.keys;
    this.host.setData({
      [k.busy]: false,
      [k.errors]: errors,
      [k.message]: shown === '' ? '' : this.messageOf(error),
    });
  }

  /**
   * Validates with the action's contract (through api.call, before anything is sent) and
   * sends. Resolves undefined for a tap while a request is in flight. `before` is awaited
   * after the button shows it is busy — e.g. WeChat's subscribe panel, asked in the tap.
   * On success the busy flag is cleared; what the form shows next is the caller's.
   */
  async submit(input: ContractInput<C>, before?: Promise<void>): Promise<Envelope<ContractOutput<C>> | undefined> {
    if (this.sending) return undefined;
    this.sending = true;
    const k = this.keys;
    this.host.setData({ [k.busy]: true, [k.errors]: emptyErrors(this.spec.fields), [k.message]: '' });
    const idempotencyKey = this.contract.idempotent ? this.keyFor(input) : undefined;
    try {
      if (before) await before;
      const res = await call(this.contract, input, idempotencyKey ? { idempotencyKey } : {});
      if (res.ok || !OUTCOME_UNKNOWN.includes(res.error.code)) {
        // Done, or refused by the server (so nothing was made): the next submit, even of the
        // same words, is a new intent. Only a lost answer keeps the key for the retry.
        this.draftKey = '';
        this.draftPrint = '';
        this.unsettled = false;
      } else {
        this.unsettled = true;
      }
      if (res.ok) this.host.setData({ [k.busy]: false });
      else this.showError(res.error, input as Partial<Record<K, unknown>>);
      return res;
    } finally {
      this.sending = false;
    }
  }
}

/**
 * Declares a form once per page or component module; `form(this)` gives this instance's
 * submitter, so two open copies of a page never share a key or a busy flag.
 */
export function formSubmit<C extends ActionContract, K extends string>(
  contract: C,
  spec: FormSpec<K>,
): (host: FormHost) => FormSubmit<C, K> {
  const forms = new WeakMap<FormHost, FormSubmit<C, K>>();
  return (host) => {
    let form = forms.get(host);
    if (!form) {
      form = new FormSubmit(host, contract, spec);
      forms.set(host, form);
    }
    return form;
  };
}
