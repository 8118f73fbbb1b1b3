import type { Table, TableInput } from "@aws-sdk/client-glue";

/** The TableInput that writes a table back as it is (Glue's UpdateTable takes the input's fields, not the table's). */
export function tableInput(table: Table): TableInput {
  const { Name, Description, Owner, Retention, StorageDescriptor, PartitionKeys, ViewOriginalText, ViewExpandedText, TableType, Parameters } = table;
  return {
    Name,
    ...(Description === undefined ? {} : { Description }),
    ...(Owner === undefined ? {} : { Owner }),
    ...(Retention === undefined ? {} : { Retention }),
    ...(StorageDescriptor === undefined ? {} : { StorageDescriptor }),
    ...(PartitionKeys === undefined ? {} : { PartitionKeys }),
    ...(ViewOriginalText === undefined ? {} : { ViewOriginalText }),
    ...(ViewExpandedText === undefined ? {} : { ViewExpandedText }),
    ...(TableType === undefined ? {} : { TableType }),
    ...(Parameters === undefined ? {} : { Parameters }),
  };
}
