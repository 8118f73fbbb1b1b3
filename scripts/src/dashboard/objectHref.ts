/** The dashboard's read-only link to an object of the pipeline's bucket (`GET /api/object`). */
export function objectHref(key: string): string {
  return `/api/object?key=${encodeURIComponent(key)}`;
}
