-- How many records of each metric (tipo) the table holds: each producer's count, as Athena sees them.
select "tipo", count(*) as "records"
from "${table}"
group by "tipo"
order by "tipo"
