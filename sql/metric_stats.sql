-- Minimum, mean and maximum of each metric. "dado" is a string in the record, as in the original, so it is cast.
select "tipo",
       count(*) as "records",
       round(min(cast("dado" as double)), 2) as "min",
       round(avg(cast("dado" as double)), 2) as "avg",
       round(max(cast("dado" as double)), 2) as "max"
from "${table}"
group by "tipo"
order by "tipo"
