// What Vite (electron-vite) puts on import.meta.env in the main process: DEV is true under
// `electron-vite dev` and replaced by false in a build (see dev-server.ts).
interface ImportMetaEnv {
  readonly DEV: boolean;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
