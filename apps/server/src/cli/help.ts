/** Each command's help: what `m4s help <command>` and `m4s <command> --help` print. */
export const commandHelp: Record<string, string> = {
  'operator create': `m4s operator create --login <login> --name <name> [--password <password>]
  Creates a platform operator (the first one can only be made here). Without --password one is
  generated and printed once. The operator signs in at POST /api/operator/sign-in.`,
  'operator password-reset': `m4s operator password-reset --login <login> [--password <password>]
  Sets an operator's password (generated and printed once without --password), unlocks the account
  and ends its sessions.`,
  'tenant create': `m4s tenant create --slug <slug> --name <name> --brand <brand> [--brand <brand>…]
                  --store "<CODE>|<name>|<address>[|<brand>]" [--store …]
                  --admin-login <login> --admin-name <name> [--admin-phone <phone>] [--admin-password <pw>]
                  [--short-name <name>] [--timezone <IANA zone, default Asia/Shanghai>]
m4s tenant create --file <tenant.json>
  Onboards a dealer group in one transaction: the tenant, its first stores (opening hours every day
  08:30–18:00 until changed) and its first group admin. --file takes the operator API's JSON body
  (POST /api/operator/tenants). Without an admin password one is generated and printed once.`,
  'tenant list': `m4s tenant list [--json]
  Every dealer group with its status.`,
  'tenant suspend': `m4s tenant suspend <slug> [--reason <text>]
  Suspends a dealer group: every staff and owner session ends now, sign-in is refused, its nightly care
  run, reminders and sends stop until it is resumed.`,
  'tenant resume': `m4s tenant resume <slug> [--reason <text>]
  Lets a suspended dealer group sign in and run again.`,
  'tenant export': `m4s tenant export <slug> [--out <file.json>]
  Writes all of a dealer group's data (every tenant table, one JSON document, streamed) to the file, or
  to standard output. Password, session and code hashes are left out.`,
  'tenant archive': `m4s tenant archive <slug> --out <file.m4st.gz>
  Writes everything of one dealer group — every row of every tenant table, password hashes and sessions
  included, read in one consistent snapshot — to a new file, with each table's row count and checksum, to
  move it into another installation (m4s tenant import). Suspend the group first so nothing changes after.`,
  'tenant import': `m4s tenant import --file <file.m4st.gz>
  Loads a dealer group archived by m4s tenant archive, in one transaction: refused when the group's id or
  slug is taken here or the two installations run different versions; every table's count and checksum
  (and every foreign key) is checked before it commits. The group keeps its status (resume it here).`,
  'backup create': `m4s backup create --out <new directory> [--server <URL> --login <operator>]
  A consistent backup of the whole installation: manifest.json (every table's row count and checksum, read
  in the same snapshot) and the data — pgdata.tar.gz (embedded engine) or database.pgdump (PostgreSQL,
  pg_dump's custom format). On PostgreSQL it runs beside the serving server. The embedded engine's
  directory has one owner: while the server runs, --server asks it for its backup (operator sign-in,
  password in M4S_OPERATOR_PASSWORD); with the server stopped, the CLI opens DATA_DIR itself.`,
  'backup restore': `m4s backup restore --from <backup directory> (--data-dir <new directory> | --database-url <new database>)
  Restores a backup into a new, empty data directory (embedded engine; start the server with DATA_DIR set
  to it) or a new PostgreSQL database (created when absent; refused when it holds any table), then checks
  every table's row count and checksum against the backup's manifest.`,
  'staff create': `m4s staff create --tenant <slug> --login <login> --name <name> --role <role>
                 [--store <store code>] [--phone <phone>] [--password <password>]
  Adds a staff member (store-bound roles need --store). Without --password one is generated and
  printed once. Roles: group_admin, store_manager, service_manager, sales_consultant, service_advisor,
  cs_specialist, cashier, oem_viewer.`,
  'staff password-reset': `m4s staff password-reset --tenant <slug> --login <login or phone> [--password <password>]
  Sets a staff member's password (generated and printed once without --password), unlocks the account
  and signs them out everywhere.`,
  nightly: `m4s nightly --tenant <slug> [--date YYYY-MM-DD] [--force]
  Runs the tenant's nightly steps (src/nightly.ts: customer classification, then the care sweep) for that
  day (default: today in the tenant's zone) now. A step already done for the day is skipped unless
  --force; each is idempotent for its day, so a forced run creates nothing twice. The messages it
  queues are sent by the server's job runner.`,
  import: `m4s import --tenant <slug> [--kind <customers|vehicles|sales|repair_orders|repair_order_lines>]
           --file <file.csv|file.xlsx> [--as <staff login>] [--source <data source name>]
  Imports a DMS export like the admin console's 数据导入 does, with the column mapping it would propose
  (the tenant's saved one, then known DMS headers), in the name of --as (default: the first group admin),
  keyed under --source (an old system created on the import page; default: the tenant's 原系统).
  With --kind the file's first sheet is that kind; without, every sheet of a workbook goes in as the kind
  its headers suggest (in dependency order; a sheet with no suggestion is left out).
  Prints the counts (per sheet for a workbook); rows that fail are listed in the admin console's import report.`,
  'brand-apps': `m4s brand-apps [--tenant <slug>]… [--out <dir, default DATA_DIR/brand-apps>] [--json]
  Builds every dealer group's (or the named ones') branded owner app into <dir>/<slug>/: the web app manifest, icons in
  every home-screen size (from the uploaded logo on the brand colour, or the generated mark; maskable
  variants, apple-touch-icon), iOS splash screens, the install QR code (PNG, SVG) of PUBLIC_URL/o/<slug>/ and
  an A4 install poster (install-poster.svg). The same builder serves the installed app, so both agree.
  Reports per group what is new, changed or unchanged since the last build (SHA-256, kept in build.json).`,
};

export const generalHelp = `m4s — the M4S platform's command line (docs/operator.md)

Usage: npm run m4s -- <command> [options]      (or: npx m4s <command> …)

Commands:
${Object.keys(commandHelp)
  .map((c) => `  ${c}`)
  .join('\n')}
  help [command]

It works on the server's database: PostgreSQL at DATABASE_URL, or the embedded one in DATA_DIR
(default ./data) — which one process owns at a time: stop the server before using the CLI on it.
Exit codes: 0 done, 1 refused or failed, 2 bad arguments.`;
