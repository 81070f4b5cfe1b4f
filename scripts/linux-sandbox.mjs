// Ubuntu 23.10 and later (AppArmor's restriction on unprivileged user namespaces, on by default since
// 24.04) stop an unpackaged Electron before any app code runs: "The SUID sandbox helper binary was found,
// but is not configured correctly". `npm start` checks for that case first and prints the two standard
// remedies; it still starts Electron (an AppArmor profile for it may make it work all the same).
// The .deb sets the helper up itself (build/linux/deb-after-install.tpl).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const USERNS_RESTRICTION = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';

/**
 * The sandbox helper that needs setting up, or null when nothing is wrong: not Linux, no restriction, or
 * chrome-sandbox beside the Electron binary already owned by root with the setuid bit.
 */
export function sandboxHelperProblem(binary, { platform = process.platform, restriction = USERNS_RESTRICTION } = {}) {
  if (platform !== 'linux' || !binary) return null;
  let restricted;
  try {
    restricted = readFileSync(restriction, 'utf8').trim() === '1';
  } catch {
    return null; // no such setting: this kernel does not restrict user namespaces this way
  }
  if (!restricted) return null;
  const helper = join(dirname(binary), 'chrome-sandbox');
  try {
    const s = statSync(helper);
    if (s.uid === 0 && (s.mode & 0o4000) !== 0 && (s.mode & 0o111) !== 0) return null;
  } catch {
    // Missing: Electron then needs user namespaces, which are restricted. Same remedies.
  }
  return helper;
}

/** What to tell the user, with the helper's real path in the commands. */
export function sandboxAdvice(helper) {
  const q = `'${helper.replace(/'/g, `'\\''`)}'`;
  return [
    'This Linux restricts unprivileged user namespaces (AppArmor, Ubuntu 23.10 and later), and Electron\'s sandbox',
    `helper ${helper} is not set up, so Electron may stop at once ("The SUID sandbox helper binary was found, but is`,
    'not configured correctly"). Either:',
    '  1. set up the helper (again after each reinstall of Electron):',
    `       sudo chown root:root ${q} && sudo chmod 4755 ${q}`,
    '  2. or allow unprivileged user namespaces until the next reboot (a file in /etc/sysctl.d/ keeps it):',
    '       sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
    'The installed app (the .deb package) sets the helper up by itself. Starting Electron now…',
  ].join('\n');
}
