/** Where a request came from, for audit rows and session records. */
export interface RequestMeta {
	ip: string | null;
	userAgent: string | null;
}
