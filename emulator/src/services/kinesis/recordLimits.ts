/** AWS's size limits on records, counted as data bytes plus partition key bytes. */
export const MAX_RECORD_BYTES = 1024 * 1024;
export const MAX_PUT_RECORDS_BYTES = 5 * 1024 * 1024;
export const MAX_PUT_RECORDS_ENTRIES = 500;
