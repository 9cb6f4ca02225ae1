using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.BuildingBlocks.Data;

#nullable disable

namespace Platform.Funds.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SecondSignature : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "disbursements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    bank_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    threshold_fen = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    refusal_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    transaction_id = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disbursements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "second_signature_thresholds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    threshold_fen = table.Column<long>(type: "bigint", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    set_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_second_signature_thresholds", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "second_signature_thresholds",
                columns: new[] { "id", "effective_from", "set_at", "set_by", "threshold_fen" },
                values: new object[] { new Guid("0193a1c0-0000-7000-8000-00000000c051"), new DateOnly(2000, 1, 1), new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "county default (docs/funds.md)", 20000000L });

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_bank_reference",
                table: "disbursements",
                column: "bank_reference",
                unique: true,
                filter: "status <> 'Refused'");

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_project_id",
                table: "disbursements",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_status_requested_at",
                table: "disbursements",
                columns: new[] { "status", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_second_signature_thresholds_effective_from_set_at",
                table: "second_signature_thresholds",
                columns: new[] { "effective_from", "set_at" });

            // The threshold's history is evidence of which figure decided a payment: a new figure is a new row.
            migrationBuilder.Sql(AppendOnly.Create("second_signature_thresholds"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AppendOnly.Drop("second_signature_thresholds"));
            migrationBuilder.DropTable(
                name: "disbursements");

            migrationBuilder.DropTable(
                name: "second_signature_thresholds");
        }
    }
}
