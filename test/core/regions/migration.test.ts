// Schema v5 (custom endpoints): a new file gets the table, and a history written before it (schema 3,
// schema 4) is upgraded with every row kept, after which endpoints can be stored and read back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createEndpointRepo } from '../../../electron/core/endpoints';
import { applyMigrations, LATEST_VERSION, MIGRATIONS, openDatabase } from '../../../electron/core/store';

let dirs: string[] = [];
const tempFile = () => {
  const d = mkdtempSync(join(tmpdir(), 'omni-mig5-'));
  dirs.push(d);
  return join(d, 'history.sqlite');
};
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

const columns = (db: BetterSqlite3.Database) => db.prepare("SELECT name FROM pragma_table_info('endpoints') ORDER BY cid").pluck().all();

describe('migration 005: custom endpoints', () => {
  it('is listed in version order and numbered 5', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(MIGRATIONS.find((m) => m.version === 5)).toBeDefined();
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(5);
  });

  it('from an empty file: the endpoints table exists and keeps a row', () => {
    const db = openDatabase(tempFile(), { now: () => 1000 });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(columns(db)).toEqual(['id', 'name', 'base_url', 'models_json', 'data_uri_budget', 'created_at', 'updated_at', 'realtime_url']);
      const repo = createEndpointRepo(db, () => 1234);
      const e = repo.add({ name: 'Lab', baseUrl: 'http://127.0.0.1:8000/v1', models: ['qwen2.5-omni-7b'], dataUriBudget: 10_485_760 });
      expect(repo.list()).toEqual([{ ...e, createdAt: 1234, updatedAt: 1234 }]);
      expect(() => db.prepare("INSERT INTO endpoints VALUES ('ep_x', 'x', 'http://x', 'not json', 1, 0, 0, NULL)").run()).toThrow();
      expect(() => db.prepare("INSERT INTO endpoints VALUES ('ep_y', 'y', 'http://y', '[]', 0, 0, 0, NULL)").run()).toThrow();
    } finally {
      db.close();
    }
  });

  for (const from of [3, 4]) {
    it(`upgrades a history written at schema ${from}, keeping its rows`, () => {
      const file = tempFile();
      const old = new BetterSqlite3(file);
      expect(applyMigrations(old, MIGRATIONS.filter((m) => m.version <= from), { now: () => 0 })).toBe(from);
      old.prepare('INSERT INTO conversations (id, title, model, voice, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run('c1', 'Kept', 'qwen3-omni-flash', 'Cherry', 1, 2);
      old.prepare('INSERT INTO settings VALUES (?, ?)').run('settings', JSON.stringify({ region: 'cn' }));
      expect(old.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'endpoints'").pluck().get()).toBe(0);
      old.close();

      const db = openDatabase(file);
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
        expect(columns(db)).toHaveLength(8); // v8 added realtime_url
        expect(db.prepare("SELECT title FROM conversations WHERE id = 'c1'").pluck().get()).toBe('Kept');
        expect(db.prepare("SELECT value FROM settings WHERE key = 'settings'").pluck().get()).toBe('{"region":"cn"}');
        const repo = createEndpointRepo(db, () => 5);
        const e = repo.add({ name: 'After upgrade', baseUrl: 'https://omni.example/v1', models: ['qwen3-omni-flash'], dataUriBudget: 2048 });
        expect(repo.get(e.id)?.dataUriBudget).toBe(2048);
      } finally {
        db.close();
      }
    });
  }
});
