// zod, configured once for every runtime. jitless: zod 4 otherwise probes `new Function` to compile
// fast parsers, which the renderer's strict CSP (no 'unsafe-eval') blocks and reports as a violation.
import { z } from 'zod';

z.config({ jitless: true });

export { z };
