-- Each metric's mean per minute. The record's UTC timestamp ("YYYY-MM-DD HH:MM:SS.ffffff") casts to a timestamp as is.
select date_trunc('minute', cast("timestamp" as timestamp)) as "minute",
       "tipo",
       count(*) as "records",
       round(avg(cast("dado" as double)), 2) as "avg"
from "${table}"
group by 1, 2
order by 1, 2
