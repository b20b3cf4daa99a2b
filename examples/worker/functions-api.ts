// A Pages Function.
let kv: KVNamespace;

export const onRequestGet: PagesFunction<Env> = async ({ env, request }) => {
  // ❌ a binding copied into module scope
  kv = env.SESSIONS;
  const session = await kv.get(new URL(request.url).searchParams.get("id") ?? "");
  return new Response(session);
};
