// Custom OpenAI-compatible endpoints (a self-hosted Qwen-Omni, say) next to DashScope's two regions, and
// what "Test connection" answers. The schemas carry the messages a person sees when an entry is refused.
import { z } from './zod';
import { DASHSCOPE_DATA_URI_BUDGET } from './catalog';
import { EndpointId, ErrorInfo, KeyStatus, ModelId, RegionRef } from './domain';

/** An API key as typed: the same rules wherever a key is entered. */
export const ApiKeyInput = z
  .string()
  .trim()
  .min(8, 'That key looks too short.')
  .max(512)
  .regex(/^[\x21-\x7e]+$/, 'An API key has no spaces or special characters.');

/** The address requests go to, up to `/v1`: `{baseUrl}/chat/completions` is what gets called. */
export const EndpointBaseUrl = z
  .string()
  .trim()
  .min(1, 'Enter the base URL, for example http://localhost:8000/v1.')
  .max(2000, 'That URL is too long.')
  .superRefine((text, ctx) => {
    const problem = baseUrlProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((text) => normalizeBaseUrl(text));

function baseUrlProblem(text: string): string | null {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return 'That is not a URL. Enter the full address with http:// or https://, for example http://localhost:8000/v1.';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'The base URL must start with http:// or https://.';
  if (u.username || u.password) return 'Leave the user name and password out of the URL; put the key in the API key field.';
  if (u.search || u.hash) return 'The base URL cannot have a ?query or #fragment. Enter the address up to /v1 only.';
  if (/\/chat\/completions\/*$/i.test(u.pathname)) return 'Leave /chat/completions out: enter the address up to /v1, the app adds the rest.';
  return null;
}

function normalizeBaseUrl(text: string): string {
  return new URL(text).href.replace(/\/+$/, '');
}

/**
 * Live voice on a custom endpoint: its Realtime WebSocket address (ws:// or wss://, the whole path, e.g.
 * wss://{WorkspaceId}.ap-southeast-1.maas.aliyuncs.com/api-ws/v1/realtime); the model goes in ?model= itself.
 */
export const EndpointRealtimeUrl = z
  .string()
  .trim()
  .max(2000, 'That URL is too long.')
  .superRefine((text, ctx) => {
    let u: URL;
    try {
      u = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'That is not a URL. Enter the Realtime address with ws:// or wss://, for example wss://dashscope-intl.aliyuncs.com/api-ws/v1/realtime.' });
      return;
    }
    if (u.protocol !== 'ws:' && u.protocol !== 'wss:') ctx.addIssue({ code: 'custom', message: 'The Realtime address must start with ws:// or wss://.' });
    else if (u.username || u.password) ctx.addIssue({ code: 'custom', message: 'Leave the user name and password out of the URL; put the key in the API key field.' });
    else if (u.search || u.hash) ctx.addIssue({ code: 'custom', message: 'Leave ?model= and anything after ? out: the app adds the model itself.' });
  })
  .transform((text) => new URL(text).href);

export const DATA_URI_BUDGET_MIN = 1_024;
export const DATA_URI_BUDGET_MAX = 2_000_000_000;

export const EndpointFields = z.object({
  name: z.string().trim().min(1, 'Give the endpoint a name, so it can be picked in the Region list.').max(60, 'A name can be at most 60 characters.'),
  baseUrl: EndpointBaseUrl,
  models: z
    .array(ModelId, { error: 'Pick the models this endpoint serves from the list.' })
    .min(1, 'Pick at least one model this endpoint serves.')
    .transform((ids) => [...new Set(ids)]),
  /** The largest base64 data-URI item the server accepts, in bytes (characters) after encoding. */
  dataUriBudget: z
    .number({ error: 'The data-URI budget is a number of bytes, for example 10485760.' })
    .int('The data-URI budget is a whole number of bytes.')
    .min(DATA_URI_BUDGET_MIN, `The data-URI budget must be at least ${DATA_URI_BUDGET_MIN.toLocaleString('en-US')} bytes.`)
    .max(DATA_URI_BUDGET_MAX, `The data-URI budget can be at most ${DATA_URI_BUDGET_MAX.toLocaleString('en-US')} bytes.`)
    .default(DASHSCOPE_DATA_URI_BUDGET),
  /** Its Realtime address for Live voice; null: none (Live voice is not offered there). */
  realtimeUrl: EndpointRealtimeUrl.nullable().optional(),
});

/** A new endpoint; its key is optional (many self-hosted servers need none). */
export const EndpointAdd = EndpointFields.extend({ key: ApiKeyInput.optional() }).strict();
/** A change: absent fields stay; `key: null` forgets the saved key. */
export const EndpointUpdate = EndpointFields.partial()
  .extend({ id: EndpointId, key: ApiKeyInput.nullable().optional() })
  .strict();

export const Endpoint = z.object({
  id: EndpointId,
  name: z.string(),
  baseUrl: z.string(),
  models: z.array(ModelId),
  dataUriBudget: z.number().int(),
  realtimeUrl: z.string().nullable(),
  /** Whether a key is kept for it (the key itself never leaves the main process). */
  key: KeyStatus,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Endpoint = z.infer<typeof Endpoint>;

/** Which region or endpoint a key request is about; absent means the one chosen in Settings. */
export const RegionSelector = z.object({ region: RegionRef.optional() }).strict();

/** What "Test connection" found: the model's first words, or the exact problem. */
export const ConnectionResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), region: RegionRef, endpoint: z.string(), model: ModelId, answer: z.string() }),
  z.object({
    ok: z.literal(false), region: RegionRef, endpoint: z.string(), model: ModelId.nullable(), error: ErrorInfo,
    /** A refused key that the other DashScope region accepts: that region. */
    keyRegion: RegionRef.nullable().default(null),
  }),
]);
export type ConnectionResult = z.infer<typeof ConnectionResult>;
