using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Funds.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class UnitLedgersAndJournal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "building_classifications",
                columns: table => new
                {
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    set_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_building_classifications", x => x.building_id);
                });

            migrationBuilder.CreateTable(
                name: "deposit_rates",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    building_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    rate_fen_per_square_metre = table.Column<long>(type: "bigint", nullable: false),
                    set_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deposit_rates", x => new { x.year, x.building_type });
                });

            migrationBuilder.CreateTable(
                name: "journal_transactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    source_reference = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    previous_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_transactions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "top_up_demands",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    balance_fen = table.Column<long>(type: "bigint", nullable: false),
                    initial_deposit_fen = table.Column<long>(type: "bigint", nullable: false),
                    demanded_fen = table.Column<long>(type: "bigint", nullable: false),
                    paid_fen = table.Column<long>(type: "bigint", nullable: false),
                    demanded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    settled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_top_up_demands", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "unit_ledgers",
                columns: table => new
                {
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    exclusive_area = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    use = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    rated_as = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    rate_fen_per_square_metre = table.Column<long>(type: "bigint", nullable: true),
                    initial_deposit_fen = table.Column<long>(type: "bigint", nullable: true),
                    balance_fen = table.Column<long>(type: "bigint", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_ledgers", x => x.unit_id);
                });

            migrationBuilder.CreateTable(
                name: "journal_lines",
                columns: table => new
                {
                    transaction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_no = table.Column<int>(type: "integer", nullable: false),
                    account = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    debit_fen = table.Column<long>(type: "bigint", nullable: false),
                    credit_fen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_lines", x => new { x.transaction_id, x.line_no });
                    table.CheckConstraint("ck_journal_lines_one_side", "(debit_fen > 0 AND credit_fen = 0) OR (credit_fen > 0 AND debit_fen = 0)");
                    table.ForeignKey(
                        name: "fk_journal_lines_journal_transactions_transaction_id",
                        column: x => x.transaction_id,
                        principalTable: "journal_transactions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_journal_lines_account",
                table: "journal_lines",
                column: "account");

            migrationBuilder.CreateIndex(
                name: "ix_journal_transactions_community_id_position",
                table: "journal_transactions",
                columns: new[] { "community_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_journal_transactions_source_reference",
                table: "journal_transactions",
                column: "source_reference",
                unique: true,
                filter: "source_reference IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_top_up_demands_community_id",
                table: "top_up_demands",
                column: "community_id");

            migrationBuilder.CreateIndex(
                name: "ix_top_up_demands_unit_id",
                table: "top_up_demands",
                column: "unit_id",
                unique: true,
                filter: "settled_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_unit_ledgers_building_id",
                table: "unit_ledgers",
                column: "building_id");

            migrationBuilder.CreateIndex(
                name: "ix_unit_ledgers_community_id",
                table: "unit_ledgers",
                column: "community_id");

            // The journal is append-only: a transaction and its lines are never changed or deleted; a correction is a new
            // transaction. (Tampering below this — a superuser disabling the trigger — is what the chain catches.)
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_change_of_fund_journal() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
                END $$;
                CREATE TRIGGER journal_transactions_append_only BEFORE UPDATE OR DELETE ON journal_transactions
                  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_fund_journal();
                CREATE TRIGGER journal_lines_append_only BEFORE UPDATE OR DELETE ON journal_lines
                  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_fund_journal();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER journal_transactions_append_only ON journal_transactions;
                DROP TRIGGER journal_lines_append_only ON journal_lines;
                DROP FUNCTION refuse_change_of_fund_journal();
                """);

            migrationBuilder.DropTable(
                name: "building_classifications");

            migrationBuilder.DropTable(
                name: "deposit_rates");

            migrationBuilder.DropTable(
                name: "journal_lines");

            migrationBuilder.DropTable(
                name: "top_up_demands");

            migrationBuilder.DropTable(
                name: "unit_ledgers");

            migrationBuilder.DropTable(
                name: "journal_transactions");
        }
    }
}
