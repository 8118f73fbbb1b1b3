-- Rows in a table: with the newline delimiter, one per record; without it, one per S3 object.
select count(*) as "rows" from "${table}"
