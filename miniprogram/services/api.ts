import type { ActionContract, ContractInput, ContractOutput } from '../core/action';
import type { Envelope } from '../core/envelope';
import { validateInput } from '../core/validate';
import { config } from '../config';
import { schemasLoaded, schemasReady } from './schemas';
import { cloudTransport, gatewayTransport, type Transport } from './transport';

let transport: Transport | undefined;

/** Tests and the app's launch hook choose the transport; pages only call `call`. */
export function setTransport(t: Transport): void {
  transport = t;
}

function currentTransport(): Transport {
  if (!transport) {
    transport =
      config.mode === 'cloud'
        ? cloudTransport(wx.cloud)
        : gatewayTransport(wx.request, config.localBaseUrl, config.localOpenid);
  }
  return transport;
}

/**
 * Calls an action: validates with the shared contract first, so a form error shows without a
 * round-trip, then sends. The server validates again and is the authority.
 */
export async function call<C extends ActionContract>(
  c: C,
  input: ContractInput<C>,
  options: { idempotencyKey?: string } = {},
): Promise<Envelope<ContractOutput<C>>> {
  // zod comes in its own subpackage, fetched from launch on. The first screen's reads do not
  // wait for it: until it is here the input goes as given and the server, which checks with
  // the same schema and is the authority, answers with the same field messages. By the time
  // a person has typed a form it has long arrived.
  let data: unknown = input;
  if (schemasLoaded()) {
    const checked = validateInput(c, input);
    if (!checked.ok) return checked;
    data = checked.data;
  } else {
    void schemasReady();
  }
  const event = { action: c.name, data, ...options };
  return (await currentTransport().send(event)) as Envelope<ContractOutput<C>>;
}

/** A fresh key per user intent; reuse it when retrying the same submit. */
export function newIdempotencyKey(): string {
  const rand = () => Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}${rand()}${rand()}`.slice(0, 32);
}
