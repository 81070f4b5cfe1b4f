// Custom OpenAI-compatible endpoints: listed with their address and models, added, edited and removed
// here. The core validates every field and says what to fix; its sentence is shown under the form.
import { useId, useState, type FormEvent } from 'react';
import { DASHSCOPE_DATA_URI_BUDGET, MODELS, findModel } from '../../shared/catalog';
import type { ErrorInfo } from '../../shared/domain';
import type { Endpoint } from '../../shared/endpoints';
import { describeError, useI18n } from '../i18n';
import { useAppState, useStore } from '../state/store-hooks';
import { toErrorInfo } from '../state/notices';
import './regions.css';

interface Draft {
  id: string | null;
  name: string;
  baseUrl: string;
  models: string[];
  budget: string;
  key: string;
}

const NEW_DRAFT: Draft = { id: null, name: '', baseUrl: '', models: ['qwen2.5-omni-7b'], budget: String(DASHSCOPE_DATA_URI_BUDGET), key: '' };

export function EndpointsEditor({ endpoints, onChanged }: { endpoints: readonly Endpoint[]; onChanged: (removedChosen: boolean) => Promise<void> }) {
  const store = useStore();
  const { t, lang } = useI18n();
  const region = useAppState((s) => s.settings.region);
  const headingId = useId();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [done, setDone] = useState<'saved' | 'removed' | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<unknown>, after: 'saved' | 'removed', removedChosen = false): Promise<void> {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await action();
      setDraft(null);
      setDone(after);
      await onChanged(removedChosen);
    } catch (err) {
      setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent): void {
    e.preventDefault();
    if (!draft || busy) return;
    const budget = draft.budget.trim() === '' ? DASHSCOPE_DATA_URI_BUDGET : Number(draft.budget.replace(/[,\s_]/g, ''));
    const fields = { name: draft.name, baseUrl: draft.baseUrl, models: draft.models, dataUriBudget: budget };
    const key = draft.key.trim();
    void run(
      () => draft.id
        ? store.settings.regionRequest('endpoints.update', { id: draft.id, ...fields, ...(key ? { key } : {}) })
        : store.settings.regionRequest('endpoints.add', { ...fields, ...(key ? { key } : {}) }),
      'saved',
    );
  }

  return (
    <section className="endpoints" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('regions.endpoints')}</h4>
      <p className="field-hint">{t('regions.endpointsHint')}</p>
      {endpoints.length === 0 ? (
        <p className="field-hint">{t('regions.endpointsEmpty')}</p>
      ) : (
        <ul className="endpoint-list">
          {endpoints.map((e) => (
            <li key={e.id} aria-label={e.name}>
              <span className="endpoint-name">{e.name}</span>
              <span className="field-hint">
                {t('regions.endpointSummary', { url: e.baseUrl, models: e.models.map((m) => findModel(m)?.label ?? m).join(', ') })}
              </span>
              <span className="endpoint-actions">
                <button
                  type="button" className="button button-ghost button-small" disabled={busy}
                  aria-label={`${t('regions.editEndpoint')} ${e.name}`}
                  onClick={() => {
                    setError(null);
                    setDone(null);
                    setDraft({ id: e.id, name: e.name, baseUrl: e.baseUrl, models: [...e.models], budget: String(e.dataUriBudget), key: '' });
                  }}
                >
                  {t('regions.editEndpoint')}
                </button>
                <button
                  type="button" className="button button-ghost button-small" disabled={busy}
                  aria-label={`${t('regions.removeEndpoint')} ${e.name}`}
                  onClick={() => void run(() => store.settings.regionRequest('endpoints.remove', { id: e.id }), 'removed', e.id === region)}
                >
                  {t('regions.removeEndpoint')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {draft ? (
        <EndpointForm
          draft={draft} busy={busy} hasKey={endpoints.find((e) => e.id === draft.id)?.key.source === 'stored' || endpoints.find((e) => e.id === draft.id)?.key.source === 'session'}
          onChange={setDraft} onSubmit={submit}
          onCancel={() => {
            setDraft(null);
            setError(null);
          }}
        />
      ) : (
        <button
          type="button" className="button button-small"
          onClick={() => {
            setError(null);
            setDone(null);
            setDraft(NEW_DRAFT);
          }}
        >
          {t('regions.addEndpoint')}
        </button>
      )}
      {error && <p role="alert" className="field-error">{describeError(error, lang, t)}</p>}
      {done && <p className="field-ok" aria-live="polite">{t(done === 'saved' ? 'regions.endpointSaved' : 'regions.endpointRemoved')}</p>}
    </section>
  );
}

function EndpointForm(p: {
  draft: Draft;
  busy: boolean;
  hasKey: boolean;
  onChange: (d: Draft) => void;
  onSubmit: (e: FormEvent) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ids = { name: useId(), url: useId(), urlHint: useId(), key: useId(), keyHint: useId(), models: useId(), budget: useId(), budgetHint: useId() };
  const d = p.draft;
  const set = (patch: Partial<Draft>) => p.onChange({ ...d, ...patch });
  const base = d.baseUrl.trim().replace(/\/+$/, '') || 'http://localhost:8000/v1';

  return (
    <form className="endpoint-form" onSubmit={p.onSubmit} noValidate>
      <div className="field">
        <label htmlFor={ids.name}>{t('regions.endpointName')}</label>
        <input id={ids.name} type="text" value={d.name} maxLength={60} onChange={(e) => set({ name: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={ids.url}>{t('regions.baseUrl')}</label>
        <input
          id={ids.url} type="url" inputMode="url" spellCheck={false} placeholder="http://localhost:8000/v1" value={d.baseUrl}
          aria-describedby={ids.urlHint} onChange={(e) => set({ baseUrl: e.target.value })}
        />
        <p id={ids.urlHint} className="field-hint">{t('regions.baseUrlHint', { base })}</p>
      </div>
      <div className="field">
        <label htmlFor={ids.key}>{t('regions.endpointKey')}</label>
        <input
          id={ids.key} type="password" autoComplete="off" spellCheck={false} value={d.key}
          aria-describedby={d.id ? ids.keyHint : undefined} onChange={(e) => set({ key: e.target.value })}
        />
        {d.id && (
          <p id={ids.keyHint} className="field-hint">
            {t('regions.endpointKeyKeep', { state: t(p.hasKey ? 'regions.endpointKeyHas' : 'regions.endpointKeyNone') })}
          </p>
        )}
      </div>
      <fieldset className="field">
        <legend id={ids.models}>{t('regions.models')}</legend>
        {MODELS.map((m) => (
          <label key={m.id} className="toggle">
            <input
              type="checkbox" checked={d.models.includes(m.id)}
              onChange={(e) => set({ models: e.target.checked ? [...d.models, m.id] : d.models.filter((x) => x !== m.id) })}
            />
            {m.label}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.budget}>{t('regions.budget')}</label>
        <input
          id={ids.budget} type="text" inputMode="numeric" value={d.budget} aria-describedby={ids.budgetHint}
          onChange={(e) => set({ budget: e.target.value })}
        />
        <p id={ids.budgetHint} className="field-hint">{t('regions.budgetHint')}</p>
      </div>
      <div className="key-row">
        <button type="submit" className="button button-primary" disabled={p.busy}>{t('regions.saveEndpoint')}</button>
        <button type="button" className="button button-ghost" onClick={p.onCancel}>{t('regions.cancel')}</button>
      </div>
    </form>
  );
}
