/** Hive's text format and SerDe (a table without ROW FORMAT or STORED AS), and the formats STORED AS names. */
export const TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
export const TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
export const LAZY_SIMPLE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
export const STORED_AS: Readonly<Record<string, { input: string; output: string; serde: string; classification?: string }>> = {
  TEXTFILE: { input: TEXT_INPUT, output: TEXT_OUTPUT, serde: LAZY_SIMPLE },
  PARQUET: { input: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", output: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat", serde: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", classification: "parquet" },
};
