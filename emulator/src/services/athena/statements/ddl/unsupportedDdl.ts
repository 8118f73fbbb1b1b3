import { DdlEngineRefusal } from "../../errors/athenaErrors";

/** A statement of Hive's grammar Athena's DDL engine parses but does not run (ALTER TABLE ... RENAME TO, ...). */
export function unsupportedDdl(): never {
  throw new DdlEngineRefusal();
}
