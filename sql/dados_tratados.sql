-- The course's denormalization: one row per record, the partition folders as year, month and day.
-- ${table} is the table the Glue crawler made over the Firehose bucket.
create table "dados_tratados" as
select "idtemp", "tipo", "dado", "timestamp", "partition_0" as "ano", "partition_1" as "mes", "partition_2" as "dia"
from "${table}"
order by "timestamp"
