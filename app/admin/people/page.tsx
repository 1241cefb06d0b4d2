import { PeopleManager } from "@/components/admin/people/people-manager";
import { SignInPanel } from "@/components/admin/people/sign-in-panel";
import { listGroups } from "@/lib/auth/people/groups";
import { listPeople } from "@/lib/auth/people/people";
import { pageUser } from "@/lib/auth/page-access";
import { signInOptions } from "@/lib/auth/sign-in-settings";

export const dynamic = "force-dynamic";

export default async function PeoplePage() {
  const user = await pageUser();
  if (user.role !== "admin") return null; // the layout shows why
  const [people, groups, signIn] = [
    await listPeople(user, { status: "all", offset: 0, limit: 100 }),
    await listGroups(user),
    await signInOptions(user.tenantId),
  ];
  return (
    <div className="mx-auto max-w-6xl space-y-6 p-6">
      <div>
        <h1 className="text-2xl font-semibold">People</h1>
        <p className="text-sm text-slate-500">
          Who may use Lore in this workspace, their roles and groups. Changes apply from each person&apos;s next request and are kept in the admin activity log.
        </p>
      </div>
      <PeopleManager initialPeople={people} initialGroups={groups} aside={<SignInPanel initial={signIn} />} />
    </div>
  );
}
