// The open request statuses (OPEN_STATUSES in ./order-state-machine.ts, the one definition) as an SQL list for
// `status IN …`. Written as literals (they are the code's own constants), so each query's plan sees the values as
// it did when they were typed in it.
import { Prisma } from "../db/generated/client";
import { OPEN_STATUSES } from "./order-state-machine";

export const OPEN_STATUSES_SQL = Prisma.raw(`(${OPEN_STATUSES.map((status) => `'${status}'`).join(", ")})`);
