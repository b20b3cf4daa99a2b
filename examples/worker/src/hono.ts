import { Hono } from "hono";
import { Pool } from "@neondatabase/serverless";

const app = new Hono<{ Bindings: Env }>();
let pool: Pool | undefined;

app.get("/users", async (c) => {
  // ❌ a connection pool bound to the request that created it
  pool ??= new Pool({ connectionString: c.env.DATABASE_URL });
  const { rows } = await pool.query("SELECT * FROM users");
  return c.json(rows);
});

app.get("/health", (c) => {
  // ✅ a per-request client
  const local = new Pool({ connectionString: c.env.DATABASE_URL });
  c.executionCtx.waitUntil(local.end());
  return c.text("ok");
});

export default app;
