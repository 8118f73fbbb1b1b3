import type { Column } from "@aws-sdk/client-glue";
import type { HiveColumn } from "../../sql/hiveAst";
import { HiveTypeError, parseHiveType } from "../../sql/types/hiveTypes";
import { hiveFailure } from "./hiveFailure";

/** A column of a DDL statement as Glue stores it, once its type is known to be a Hive type. */
export function checkType(column: HiveColumn): Column {
  try {
    parseHiveType(column.type);
  } catch (error) {
    if (error instanceof HiveTypeError) throw hiveFailure(`ParseException line 1:0 ${error.message}`);
    throw error;
  }
  return { Name: column.name, Type: column.type, ...(column.comment === undefined ? {} : { Comment: column.comment }) };
}
