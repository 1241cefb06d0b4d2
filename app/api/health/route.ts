import { databaseHealth } from "@/lib/server/health";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = route({ surface: "health", public: true }, async () => {
  const database = await databaseHealth();
  return Response.json({ status: database.ok ? "ok" : "degraded", database }, { status: database.ok ? 200 : 503 });
});
