// Region and key: Singapore, Beijing and each custom endpoint under one Region combobox, the API key of
// the region shown (each region keeps its own, saved or not), and Test connection with a status line that
// names the exact problem. The key goes to the core and is never shown again.
import { useCallback, useEffect, useId, useState, type KeyboardEvent, type Ref } from 'react';
import { findModel } from '../../shared/catalog';
import type { ErrorInfo, KeyStatus, RegionRef } from '../../shared/domain';
import type { ConnectionResult, Endpoint } from '../../shared/endpoints';
import { describeError, useI18n, type Translate } from '../i18n';
import { useAppState, useStore } from '../state/store-hooks';
import { toErrorInfo } from '../state/notices';
import { Select, type SelectGroup, type SelectOption } from '../ui';
import { WarningIcon } from '../ui/icons';
import { EndpointsEditor } from './EndpointsEditor';

const DASHSCOPE = ['intl', 'cn'] as const;

function keyStatusText(k: KeyStatus | null, custom: boolean, t: Translate): string {
  if (!k) return '';
  // A self-hosted server may need no key at all; DashScope always does.
  return custom && k.source === 'none' ? t('regions.endpointNoKey') : t(`settings.key.${k.source}`);
}

export function regionLabel(region: RegionRef, endpoints: readonly Endpoint[], t: Translate): string {
  if (region === 'intl' || region === 'cn') return t(`settings.region.${region}`);
  return endpoints.find((e) => e.id === region)?.name ?? region;
}

const modelLabel = (id: string) => findModel(id)?.label ?? id;

/** The status line's text; English shows the core's own sentence, other languages their own words. */
function connectionText(r: ConnectionResult, endpoints: readonly Endpoint[], lang: string, t: Translate): string {
  if (r.ok) return t('regions.test.ok', { model: modelLabel(r.model), answer: r.answer });
  if (lang === 'en') return t('regions.test.failed', { reason: r.error.message });
  const region = regionLabel(r.region, endpoints, t);
  const reason = r.keyRegion
    ? t('regions.test.otherRegion', { region, other: regionLabel(r.keyRegion, endpoints, t) })
    : r.error.kind === 'no_key' ? t('regions.test.noKey', { region })
      : r.error.kind === 'auth' ? t(r.region === 'intl' || r.region === 'cn' ? 'regions.test.auth' : 'regions.test.endpointAuth', { region })
        : r.error.kind === 'network' ? t('regions.test.network', { endpoint: r.endpoint })
          : r.error.kind === 'model_not_found' ? t('regions.test.modelNotFound', { region, model: modelLabel(r.model ?? '') })
            : describeError(r.error, 'zh-CN', t);
  return t('regions.test.failed', { reason });
}

/** Where each DashScope region's keys are made (Model Studio's guide, in the region's language). */
export const KEY_HELP: Record<(typeof DASHSCOPE)[number], string> = {
  intl: 'https://www.alibabacloud.com/help/en/model-studio/get-api-key',
  cn: 'https://help.aliyun.com/zh/model-studio/get-api-key',
};

export interface RegionKeyFieldsProps {
  /** The API key field, for a dialog to focus it (Settings opened from a notice about the key). */
  keyRef?: Ref<HTMLInputElement>;
  /** The welcome's short form: a link to where keys are made, no custom endpoints. */
  welcome?: boolean;
  /** Test connection answered (the welcome says what comes next). */
  onTested?: (r: ConnectionResult) => void;
}

export function RegionKeyFields({ keyRef, welcome = false, onTested }: RegionKeyFieldsProps = {}) {
  const store = useStore();
  const { t, lang } = useI18n();
  const settings = useAppState((s) => s.settings);
  const keyStatus = useAppState((s) => s.keyStatus);
  const appInfo = useAppState((s) => s.appInfo);
  const ids = { region: useId(), key: useId(), keyStatus: useId(), test: useId() };
  const [endpoints, setEndpoints] = useState<Endpoint[]>([]);
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ error: ErrorInfo | null; done: 'saved' | 'cleared' | null } | null>(null);
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<ConnectionResult | null>(null);

  const loadEndpoints = useCallback(async () => {
    try {
      setEndpoints(await store.settings.regionRequest('endpoints.list', {}));
    } catch (err) {
      store.notices.notify(toErrorInfo(err));
    }
  }, [store]);
  useEffect(() => {
    void loadEndpoints();
  }, [loadEndpoints]);

  const chosen = endpoints.find((e) => e.id === settings.region) ?? null;

  async function changeRegion(region: string): Promise<void> {
    setKey('');
    setResult(null);
    setTested(null);
    const served = endpoints.find((e) => e.id === region)?.models;
    // A custom endpoint serves only some models: keep the model when it does, else take its first.
    const model = served && !served.includes(settings.model) ? served[0] : undefined;
    await store.settings.change(model ? { region, model } : { region });
  }

  async function save(): Promise<void> {
    if (busy) return;
    if (!key.trim()) {
      setResult({ error: { kind: 'invalid_input', message: t('settings.key.empty'), httpStatus: null, code: null, requestId: null, serverMessage: null }, done: null });
      return;
    }
    setBusy(true);
    const error = await store.settings.saveKey(key.trim());
    setBusy(false);
    setResult({ error, done: error ? null : 'saved' });
    setTested(null);
    if (!error) {
      setKey('');
      if (chosen) void loadEndpoints();
    }
  }

  async function clear(): Promise<void> {
    setBusy(true);
    const error = await store.settings.clearKey();
    setBusy(false);
    setResult({ error, done: error ? null : 'cleared' });
    setTested(null);
    if (chosen) void loadEndpoints();
  }

  async function test(): Promise<void> {
    setTesting(true);
    setTested(null);
    try {
      const r = await store.settings.regionRequest('connection.test', { region: settings.region });
      setTested(r);
      onTested?.(r);
    } catch (err) {
      const error = toErrorInfo(err);
      setTested({ ok: false, region: settings.region, endpoint: appInfo?.endpoint ?? '', model: null, error, keyRegion: null });
    } finally {
      setTesting(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>): void {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    }
  }

  const regionOptions: (SelectOption | SelectGroup)[] = DASHSCOPE.map((r) => ({ value: r, label: t(`settings.region.${r}`) }));
  if (endpoints.length > 0) regionOptions.push({ group: t('regions.customGroup'), options: endpoints.map((e) => ({ value: e.id, label: e.name })) });
  // A custom endpoint not (yet) listed: its id, so the field never looks empty.
  if (!chosen && settings.region !== 'intl' && settings.region !== 'cn') regionOptions.push({ value: settings.region, label: settings.region });

  return (
    <>
      <div className="field">
        <label htmlFor={ids.region}>{t('settings.region')}</label>
        <Select id={ids.region} value={settings.region} onValueChange={(r) => void changeRegion(r)} options={regionOptions} />
        <p className="field-hint">
          {chosen ? t('regions.served', { name: chosen.name, models: chosen.models.map(modelLabel).join(', ') }) : t('settings.regionHint')}
          {appInfo?.endpoint && <> {t('settings.endpoint', { endpoint: appInfo.endpoint })}</>}
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.key}>{t('settings.apiKey')}</label>
        {welcome && (settings.region === 'intl' || settings.region === 'cn') && (
          <p className="field-hint">
            <a href={KEY_HELP[settings.region]} target="_blank" rel="noopener noreferrer">{t('welcome.getKey')}</a>
          </p>
        )}
        <div className="key-row">
          <input
            ref={keyRef} id={ids.key} type="password" autoComplete="off" spellCheck={false}
            placeholder={t('settings.apiKeyPlaceholder')} value={key}
            aria-describedby={ids.keyStatus}
            onChange={(e) => {
              setKey(e.target.value);
              setResult(null);
            }}
            onKeyDown={onKeyDown}
          />
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void save()}>
            {t('settings.saveKey')}
          </button>
        </div>
        <div id={ids.keyStatus} className="key-status">
          <p data-key-source={keyStatus?.source ?? ''}>{keyStatusText(keyStatus, chosen !== null, t)}</p>
          {keyStatus && !keyStatus.canPersist && keyStatus.source !== 'env' && <p className="field-hint">{t('settings.key.cannotPersist')}</p>}
          {keyStatus?.weakEncryption && (
            <p className="warning">
              <WarningIcon />
              <span>{t('settings.key.weak')}</span>
            </p>
          )}
        </div>
        {result?.error && (
          <p role="alert" className="field-error">{describeError(result.error, lang, t)}</p>
        )}
        {result?.done && <p className="field-ok" aria-live="polite">{t(result.done === 'saved' ? 'settings.key.saved' : 'settings.key.cleared')}</p>}
        {(keyStatus?.source === 'stored' || keyStatus?.source === 'session') && (
          <button type="button" className="button button-ghost button-small" disabled={busy} onClick={() => void clear()}>
            {t('settings.clearKey')}
          </button>
        )}
      </div>
      <div className="field">
        <button type="button" className="button" disabled={testing} aria-describedby={ids.test} onClick={() => void test()}>
          {testing ? t('regions.testing') : t('regions.test')}
        </button>
        <p id={ids.test} role="status" className={tested && !tested.ok ? 'field-error' : 'field-ok'} data-connection={tested ? (tested.ok ? 'ok' : tested.error.kind) : ''}>
          {tested ? connectionText(tested, endpoints, lang, t) : ''}
        </p>
      </div>
      {!welcome && <EndpointsEditor
        endpoints={endpoints}
        onChanged={async (removedChosen) => {
          await loadEndpoints();
          setTested(null);
          if (removedChosen) await store.settings.refreshRegion();
        }}
      />}
    </>
  );
}
