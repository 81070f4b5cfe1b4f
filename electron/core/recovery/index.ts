// A damaged history: the quick check at start, the recovery state, salvage and starting afresh.
export { openHistory, type OpenedHistory } from './open';
export { createRecoveryCore, DAMAGED_MESSAGE, type RecoveryCoreOptions } from './recovery-core';
export { salvageHistory, type Salvage, type SalvagedConversation, type SalvagedMessage } from './salvage';
export { keepDamagedAside } from './fresh';
