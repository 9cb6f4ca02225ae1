using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Identity.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OwnerSignInRequestsAndFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "failed_attempts",
                table: "owner_sign_in_codes");

            migrationBuilder.CreateTable(
                name: "owner_sign_in_failures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    phone_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    client_address = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false),
                    failed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_owner_sign_in_failures", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "owner_sign_in_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    phone = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trace_parent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    trace_state = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_owner_sign_in_requests", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_owner_sign_in_failures_failed_at",
                table: "owner_sign_in_failures",
                column: "failed_at");

            migrationBuilder.CreateIndex(
                name: "ix_owner_sign_in_requests_requested_at",
                table: "owner_sign_in_requests",
                column: "requested_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "owner_sign_in_failures");

            migrationBuilder.DropTable(
                name: "owner_sign_in_requests");

            migrationBuilder.AddColumn<int>(
                name: "failed_attempts",
                table: "owner_sign_in_codes",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }
    }
}
