using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Fees.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ResolutionsAndBilledMonthReasons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "effective_from",
                table: "public_income_splits",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // Splits taken before: from the day they were decided, as the handler now dates them.
            migrationBuilder.Sql("UPDATE public_income_splits SET effective_from = (decided_at AT TIME ZONE 'UTC')::date;");

            migrationBuilder.AddColumn<Guid>(
                name: "resolution_id",
                table: "public_income_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "billed_month_reason",
                table: "fee_standards",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "owners_resolutions",
                columns: table => new
                {
                    proposal_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    matter = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    scope_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    shortfall_cover_limit_fen = table.Column<long>(type: "bigint", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_owners_resolutions", x => x.proposal_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_owners_resolutions_community_id",
                table: "owners_resolutions",
                column: "community_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "owners_resolutions");

            migrationBuilder.DropColumn(
                name: "effective_from",
                table: "public_income_splits");

            migrationBuilder.DropColumn(
                name: "resolution_id",
                table: "public_income_entries");

            migrationBuilder.DropColumn(
                name: "billed_month_reason",
                table: "fee_standards");
        }
    }
}
