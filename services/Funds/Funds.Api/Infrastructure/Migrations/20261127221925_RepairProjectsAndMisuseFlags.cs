using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Funds.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RepairProjectsAndMisuseFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "project_id",
                table: "journal_transactions",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "blacklisted_contractors",
                columns: table => new
                {
                    contractor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    until = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blacklisted_contractors", x => new { x.contractor_id, x.from });
                });

            migrationBuilder.CreateTable(
                name: "misuse_flags",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_misuse_flags", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "repair_projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    track = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    emergency_category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    item = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    scope_unit_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    budget_fen = table.Column<long>(type: "bigint", nullable: false),
                    contractor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contractor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    proposed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    proposed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolution_proposal_id = table.Column<Guid>(type: "uuid", nullable: true),
                    publicity_ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    approved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    disbursed_fen = table.Column<long>(type: "bigint", nullable: false),
                    settled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_repair_projects", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_journal_transactions_project_id",
                table: "journal_transactions",
                column: "project_id",
                filter: "project_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_misuse_flags_community_id_raised_at",
                table: "misuse_flags",
                columns: new[] { "community_id", "raised_at" });

            migrationBuilder.CreateIndex(
                name: "ix_repair_projects_community_id_proposed_at",
                table: "repair_projects",
                columns: new[] { "community_id", "proposed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_repair_projects_contractor_id_community_id",
                table: "repair_projects",
                columns: new[] { "contractor_id", "community_id" });

            // A raised flag is evidence handed to Finance and Police: never changed or deleted.
            migrationBuilder.Sql("""
                CREATE TRIGGER misuse_flags_append_only BEFORE UPDATE OR DELETE ON misuse_flags
                  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_fund_journal();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER misuse_flags_append_only ON misuse_flags;");

            migrationBuilder.DropTable(
                name: "blacklisted_contractors");

            migrationBuilder.DropTable(
                name: "misuse_flags");

            migrationBuilder.DropTable(
                name: "repair_projects");

            migrationBuilder.DropIndex(
                name: "ix_journal_transactions_project_id",
                table: "journal_transactions");

            migrationBuilder.DropColumn(
                name: "project_id",
                table: "journal_transactions");
        }
    }
}
