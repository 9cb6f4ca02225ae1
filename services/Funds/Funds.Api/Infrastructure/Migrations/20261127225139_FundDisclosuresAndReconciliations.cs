using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Funds.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class FundDisclosuresAndReconciliations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "period",
                table: "misuse_flags",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "bank_reconciliations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    statement_from = table.Column<DateOnly>(type: "date", nullable: false),
                    statement_to = table.Column<DateOnly>(type: "date", nullable: false),
                    statement_lines = table.Column<int>(type: "integer", nullable: false),
                    matched = table.Column<int>(type: "integer", nullable: false),
                    reconciled_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reconciled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    differences = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_reconciliations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fund_disclosures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    is_quarterly = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    published_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_disclosures", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_misuse_flags_community_id_kind_period",
                table: "misuse_flags",
                columns: new[] { "community_id", "kind", "period" },
                unique: true,
                filter: "period IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_fund_disclosures_community_id_period_version",
                table: "fund_disclosures",
                columns: new[] { "community_id", "period", "version" },
                unique: true);

            // A published disclosure and a reconciliation's findings are records of what was said and found: never changed.
            migrationBuilder.Sql("""
                CREATE TRIGGER fund_disclosures_append_only BEFORE UPDATE OR DELETE ON fund_disclosures
                  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_fund_journal();
                CREATE TRIGGER bank_reconciliations_append_only BEFORE UPDATE OR DELETE ON bank_reconciliations
                  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_fund_journal();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER fund_disclosures_append_only ON fund_disclosures;
                DROP TRIGGER bank_reconciliations_append_only ON bank_reconciliations;
                """);

            migrationBuilder.DropTable(
                name: "bank_reconciliations");

            migrationBuilder.DropTable(
                name: "fund_disclosures");

            migrationBuilder.DropIndex(
                name: "ix_misuse_flags_community_id_kind_period",
                table: "misuse_flags");

            migrationBuilder.DropColumn(
                name: "period",
                table: "misuse_flags");
        }
    }
}
