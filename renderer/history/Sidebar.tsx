// The sidebar: start a conversation, the list of conversations (newest first), and Settings.
import { memo } from 'react';
import type { ConversationSummary, Language } from '../../shared/domain';
import { formatFullDate, formatListDate, modelLabel } from '../i18n/format';
import { useI18n, type Translate } from '../i18n';
import { useAppState, useStore } from '../state/react';
import { hashFor } from '../state/router';
import { GearIcon, PlusIcon, SoundIcon } from '../ui/icons';
import { SearchBox } from './SearchBox';

export function Sidebar() {
  const store = useStore();
  const { t, lang } = useI18n();
  const conversations = useAppState((s) => s.conversations);
  const route = useAppState((s) => s.route);
  const activeId = route.name === 'conversation' ? route.id : null;

  return (
    <aside className="sidebar" aria-label={t('sidebar.label')}>
      <div className="sidebar-head">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </span>
        <button type="button" className="button button-primary new-conversation" onClick={() => store.newConversation()}>
          <PlusIcon />
          <span>{t('sidebar.new')}</span>
        </button>
        <SearchBox />
      </div>
      <nav className="conversation-nav" aria-label={t('sidebar.conversations')}>
        <h2 className="nav-heading" aria-hidden="true">{t('sidebar.conversations')}</h2>
        {conversations.length === 0 ? (
          <p className="nav-empty">{t('sidebar.empty')}</p>
        ) : (
          <ul className="conversation-list">
            {conversations.map((c) => (
              <ConversationEntry key={c.id} c={c} active={c.id === activeId} lang={lang} t={t} />
            ))}
          </ul>
        )}
      </nav>
      <div className="sidebar-foot">
        <button type="button" className="button button-ghost settings-button" onClick={() => store.openSettings()}>
          <GearIcon />
          <span>{t('sidebar.settings')}</span>
        </button>
      </div>
    </aside>
  );
}

const ConversationEntry = memo(function ConversationEntry(props: {
  c: ConversationSummary; active: boolean; lang: Language; t: Translate;
}) {
  const { c, active, lang, t } = props;
  const metaId = `conversation-meta-${c.id}`;
  return (
    <li className={active ? 'conversation-entry active' : 'conversation-entry'}>
      {/* The link's name is the title alone; the details below describe it. A CSS overlay makes the
          whole entry clickable. */}
      <a
        className="conversation-link"
        href={hashFor({ name: 'conversation', id: c.id })}
        aria-current={active ? 'page' : undefined}
        aria-describedby={metaId}
      >
        {c.title.trim() || t('sidebar.untitled')}
      </a>
      <div className="conversation-meta" id={metaId}>
        <time dateTime={new Date(c.updatedAt).toISOString()} title={formatFullDate(c.updatedAt, lang)}>
          {formatListDate(c.updatedAt, lang)}
        </time>
        <span className="dot" aria-hidden="true">·</span>
        <span className="conversation-model">{modelLabel(c.model)}</span>
        {c.hasAudio && (
          <span className="audio-mark" role="img" aria-label={t('sidebar.hasAudio')} title={t('sidebar.hasAudio')}>
            <SoundIcon />
          </span>
        )}
      </div>
    </li>
  );
});
