import { databaseHealth } from "@/lib/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await databaseHealth();
  return Response.json({ status: database.ok ? "ok" : "degraded", database }, { status: database.ok ? 200 : 503 });
}
