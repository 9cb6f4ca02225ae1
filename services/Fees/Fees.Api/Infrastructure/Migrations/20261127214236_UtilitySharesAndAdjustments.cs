using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Fees.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class UtilitySharesAndAdjustments : Migration
    {
        private static readonly string[] AppendOnlyTables =
            ["bills", "bill_items", "bill_adjustments", "utility_charges", "utility_shares", "payments", "payment_allocations", "public_income_entries"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bill_adjustments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    bill_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    fee_standard_id = table.Column<Guid>(type: "uuid", nullable: false),
                    basis = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    adjusted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bill_adjustments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "utility_charges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    utility = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    building_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    meter_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    rule = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_utility_charges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "utility_shares",
                columns: table => new
                {
                    charge_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    exclusive_area = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_utility_shares", x => new { x.charge_id, x.unit_id });
                    table.ForeignKey(
                        name: "fk_utility_shares_utility_charges_charge_id",
                        column: x => x.charge_id,
                        principalTable: "utility_charges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bill_adjustments_bill_id",
                table: "bill_adjustments",
                column: "bill_id");

            migrationBuilder.CreateIndex(
                name: "ix_bill_adjustments_community_id_period",
                table: "bill_adjustments",
                columns: new[] { "community_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_utility_charges_community_id_period",
                table: "utility_charges",
                columns: new[] { "community_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_utility_shares_unit_id_period",
                table: "utility_shares",
                columns: new[] { "unit_id", "period" });

            // Money records are append-only: a bill, its items and adjustments, a utility charge and its shares, a payment
            // and its allocations, a public-income entry are never changed or deleted; a correction is a new entry.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_change_of_money_record() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
                END $$;
                """);
            foreach (var table in AppendOnlyTables)
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_change_of_money_record();");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in AppendOnlyTables)
            {
                migrationBuilder.Sql($"DROP TRIGGER {table}_append_only ON {table};");
            }

            migrationBuilder.Sql("DROP FUNCTION refuse_change_of_money_record();");

            migrationBuilder.DropTable(
                name: "bill_adjustments");

            migrationBuilder.DropTable(
                name: "utility_shares");

            migrationBuilder.DropTable(
                name: "utility_charges");
        }
    }
}
