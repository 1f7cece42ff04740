// Matches the test-file pattern, so the router must ignore it.
export const handler = () => new Response("test files must not be routed");
