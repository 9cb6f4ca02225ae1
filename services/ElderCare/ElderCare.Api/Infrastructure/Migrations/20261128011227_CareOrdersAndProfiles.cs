using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.ElderCare.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CareOrdersAndProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "care_orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    elder_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    slot_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    slot_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    service_day = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: true),
                    declined_provider_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    price_fen = table.Column<long>(type: "bigint", nullable: false),
                    subsidy_fen = table.Column<long>(type: "bigint", nullable: false),
                    resident_share_fen = table.Column<long>(type: "bigint", nullable: false),
                    placed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    placed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    offered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    visit_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    visit_ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    stars = table.Column<int>(type: "integer", nullable: true),
                    rating_comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    rated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    escalation_reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "care_providers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    rating_sum = table.Column<long>(type: "bigint", nullable: false),
                    rating_count = table.Column<int>(type: "integer", nullable: false),
                    registered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_providers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "elder_profiles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    masked_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    id_number_index = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    id_number_ciphertext = table.Column<string>(type: "text", nullable: false),
                    living_situation = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    emergency_contacts_ciphertext = table.Column<string>(type: "text", nullable: false),
                    ability_level = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    assessed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    assessor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    health_notes_ciphertext = table.Column<string>(type: "text", nullable: true),
                    care_needs_ciphertext = table.Column<string>(type: "text", nullable: true),
                    resident_owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    guardian_owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    consented_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    consented_on = table.Column<DateOnly>(type: "date", nullable: false),
                    consent_purpose = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    registered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_elder_profiles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sensitive_access_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    elder_id = table.Column<Guid>(type: "uuid", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    organisation_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    fields = table.Column<string[]>(type: "text[]", nullable: false),
                    purpose = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    accessed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sensitive_access_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "care_offerings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    community_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    daily_capacity = table.Column<int>(type: "integer", nullable: false),
                    price_fen = table.Column<long>(type: "bigint", nullable: false),
                    subsidy_by_level_fen = table.Column<long[]>(type: "bigint[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_offerings", x => x.id);
                    table.ForeignKey(
                        name: "fk_care_offerings_care_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "care_providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_care_offerings_community_ids",
                table: "care_offerings",
                column: "community_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_care_offerings_provider_id_service",
                table: "care_offerings",
                columns: new[] { "provider_id", "service" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_care_orders_community_id_status",
                table: "care_orders",
                columns: new[] { "community_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_care_orders_elder_id_status",
                table: "care_orders",
                columns: new[] { "elder_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_care_orders_provider_id_service_service_day",
                table: "care_orders",
                columns: new[] { "provider_id", "service", "service_day" });

            migrationBuilder.CreateIndex(
                name: "ix_care_orders_status_escalated_at",
                table: "care_orders",
                columns: new[] { "status", "escalated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_care_providers_organisation_id",
                table: "care_providers",
                column: "organisation_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_elder_profiles_community_id",
                table: "elder_profiles",
                column: "community_id");

            migrationBuilder.CreateIndex(
                name: "ix_elder_profiles_guardian_owner_id",
                table: "elder_profiles",
                column: "guardian_owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_elder_profiles_id_number_index",
                table: "elder_profiles",
                column: "id_number_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_elder_profiles_resident_owner_id",
                table: "elder_profiles",
                column: "resident_owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_sensitive_access_log_accessed_at",
                table: "sensitive_access_log",
                column: "accessed_at");

            migrationBuilder.CreateIndex(
                name: "ix_sensitive_access_log_elder_id_accessed_at",
                table: "sensitive_access_log",
                columns: new[] { "elder_id", "accessed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "care_offerings");

            migrationBuilder.DropTable(
                name: "care_orders");

            migrationBuilder.DropTable(
                name: "elder_profiles");

            migrationBuilder.DropTable(
                name: "sensitive_access_log");

            migrationBuilder.DropTable(
                name: "care_providers");
        }
    }
}
