import { duckTypeOfGlueType, isComplexGlueType } from "./glueTypes";

/** A string expression cast to a Glue type's DuckDB type, NULL where the text does not convert (as the SerDes do). */
export function castColumn(expression: string, glueType: string): string {
  const duckType = duckTypeOfGlueType(glueType);
  if (duckType === "VARCHAR") return expression;
  return isComplexGlueType(glueType) ? `TRY_CAST(CAST(${expression} AS JSON) AS ${duckType})` : `TRY_CAST(${expression} AS ${duckType})`;
}
