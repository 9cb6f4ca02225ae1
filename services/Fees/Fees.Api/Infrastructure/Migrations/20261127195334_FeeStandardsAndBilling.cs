using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Fees.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class FeeStandardsAndBilling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bill_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    bills_created = table.Column<int>(type: "integer", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    started_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bill_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bills",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    payer_owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    bill_run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bills", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fee_standards",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    use = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    rate_fen = table.Column<long>(type: "bigint", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    star_level = table.Column<int>(type: "integer", nullable: false),
                    set_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_standards", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "price_bands",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    star_level = table.Column<int>(type: "integer", nullable: false),
                    use = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    base_fen = table.Column<long>(type: "bigint", nullable: false),
                    float_percent = table.Column<int>(type: "integer", nullable: false),
                    published_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_price_bands", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bill_items",
                columns: table => new
                {
                    bill_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    basis = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bill_items", x => new { x.bill_id, x.kind });
                    table.ForeignKey(
                        name: "fk_bill_items_bills_bill_id",
                        column: x => x.bill_id,
                        principalTable: "bills",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bill_runs_community_id_period",
                table: "bill_runs",
                columns: new[] { "community_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_bills_community_id_period",
                table: "bills",
                columns: new[] { "community_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_bills_unit_id_period",
                table: "bills",
                columns: new[] { "unit_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fee_standards_community_id_use_effective_from",
                table: "fee_standards",
                columns: new[] { "community_id", "use", "effective_from" });

            migrationBuilder.CreateIndex(
                name: "ix_price_bands_year_star_level_use",
                table: "price_bands",
                columns: new[] { "year", "star_level", "use" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bill_items");

            migrationBuilder.DropTable(
                name: "bill_runs");

            migrationBuilder.DropTable(
                name: "fee_standards");

            migrationBuilder.DropTable(
                name: "price_bands");

            migrationBuilder.DropTable(
                name: "bills");
        }
    }
}
