-- The platform operator acts inside a tenant (provisioning its first stores and admin, ending its sessions)
-- without leaving its own role: as a member of the application role it is under the same row-level security
-- as a request, and sees a tenant's rows only while `inTenant` names that tenant (platform/operator-tx.ts).
-- It switched roles (SET LOCAL ROLE m4s_app and back) before; on Citus a transaction must keep one role,
-- since the coordinator reaches the workers as the current role and replays the transaction's SET LOCALs on
-- every new connection, and the application role may not `SET ROLE m4s_operator` (it must never be a member
-- of the operator role). The application role still cannot read the operator's tables.
DO $$
BEGIN
  IF NOT pg_has_role('m4s_operator', 'm4s_app', 'MEMBER') THEN
    GRANT m4s_app TO m4s_operator;
  END IF;
END
$$;
