export function Forbidden({ need }: { need: string }) {
  return (
    <div role="alert" data-testid="forbidden" className="m-8 rounded-lg border border-amber-200 bg-amber-50 p-6 text-amber-900">
      <h1 className="text-lg font-semibold">You do not have access to this page</h1>
      <p className="mt-1 text-sm">It needs the {need} role. Ask an administrator if you need it.</p>
    </div>
  );
}
