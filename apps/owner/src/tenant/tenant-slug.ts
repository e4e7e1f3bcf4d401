/** The owner app is served for every tenant at /o/<slug>/…; the slug is the second path segment. */
export const readTenantSlug = (pathname: string = location.pathname): string => {
  const [, prefix, slug] = pathname.split('/');
  return prefix === 'o' && slug ? decodeURIComponent(slug) : '';
};
