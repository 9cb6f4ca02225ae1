using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Fees.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PublicIncomeLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "public_income_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    source_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false),
                    previous_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_income_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "public_income_splits",
                columns: table => new
                {
                    proposal_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owners_share_percent = table.Column<int>(type: "integer", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_income_splits", x => x.proposal_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_public_income_entries_community_id_position",
                table: "public_income_entries",
                columns: new[] { "community_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_public_income_entries_source_reference",
                table: "public_income_entries",
                column: "source_reference",
                unique: true,
                filter: "source_reference IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_public_income_splits_community_id_decided_at",
                table: "public_income_splits",
                columns: new[] { "community_id", "decided_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "public_income_entries");

            migrationBuilder.DropTable(
                name: "public_income_splits");
        }
    }
}
