import { integer, structure } from "../../server/shapes";
import { streamReference } from "./kinesisShapes";

/** 24 hours to 365 days, as AWS allows. */
export const MIN_RETENTION_HOURS = 24;
export const MAX_RETENTION_HOURS = 8760;

export const retentionInput = structure(
  { ...streamReference, RetentionPeriodHours: integer({ min: 1, max: MAX_RETENTION_HOURS }) },
  ["RetentionPeriodHours"],
);
