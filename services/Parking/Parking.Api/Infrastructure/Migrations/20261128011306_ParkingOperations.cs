using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Parking.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ParkingOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "blacklisted_plates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    added_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blacklisted_plates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "community_price_caps",
                columns: table => new
                {
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    max_sale_price_fen = table.Column<long>(type: "bigint", nullable: true),
                    max_monthly_rent_fen = table.Column<long>(type: "bigint", nullable: true),
                    max_fen_per_hour = table.Column<long>(type: "bigint", nullable: true),
                    max_daily_cap_fen = table.Column<long>(type: "bigint", nullable: true),
                    set_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_community_price_caps", x => x.community_id);
                });

            migrationBuilder.CreateTable(
                name: "gate_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    lot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    gate_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    plate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    direction = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decision = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    fee_fen = table.Column<long>(type: "bigint", nullable: false),
                    sent_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gate_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "parking_lots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    operator_id = table.Column<Guid>(type: "uuid", nullable: true),
                    visitor_space_ownership = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    free_minutes = table.Column<int>(type: "integer", nullable: false),
                    fen_per_hour = table.Column<long>(type: "bigint", nullable: false),
                    daily_cap_fen = table.Column<long>(type: "bigint", nullable: false),
                    duplicate_window_seconds = table.Column<int>(type: "integer", nullable: false),
                    occupancy_stale = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parking_lots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "parking_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    lot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    exited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    fee_fen = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parking_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "parking_spaces",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    lot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ownership = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ownership_certificate = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    certified_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    certified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    holder_owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    offered_for_lease = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parking_spaces", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "parking_violations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    plate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    photo_reference = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    reported_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    notified_owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    deadline_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cleared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cleared_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parking_violations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "space_allocations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    space_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    holder_owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    holder_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    price_fen = table.Column<long>(type: "bigint", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    state_before = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    allocated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    allocated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_space_allocations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "vehicles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    holder = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    registered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "waiting_list",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    allocation_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waiting_list", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_blacklisted_plates_community_id_plate",
                table: "blacklisted_plates",
                columns: new[] { "community_id", "plate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_gate_events_lot_id_gate_id_plate_direction_at",
                table: "gate_events",
                columns: new[] { "lot_id", "gate_id", "plate", "direction", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_parking_lots_community_id_name",
                table: "parking_lots",
                columns: new[] { "community_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_parking_lots_operator_id",
                table: "parking_lots",
                column: "operator_id");

            migrationBuilder.CreateIndex(
                name: "ix_parking_sessions_lot_id_entered_at",
                table: "parking_sessions",
                columns: new[] { "lot_id", "entered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_parking_sessions_lot_id_plate",
                table: "parking_sessions",
                columns: new[] { "lot_id", "plate" },
                unique: true,
                filter: "exited_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_parking_spaces_community_id",
                table: "parking_spaces",
                column: "community_id");

            migrationBuilder.CreateIndex(
                name: "ix_parking_spaces_lot_id_number",
                table: "parking_spaces",
                columns: new[] { "lot_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_parking_violations_community_id_reported_at",
                table: "parking_violations",
                columns: new[] { "community_id", "reported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_parking_violations_deadline_at",
                table: "parking_violations",
                column: "deadline_at",
                filter: "cleared_at IS NULL AND escalated_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_space_allocations_community_id_ends_on",
                table: "space_allocations",
                columns: new[] { "community_id", "ends_on" });

            migrationBuilder.CreateIndex(
                name: "ix_space_allocations_space_id_allocated_at",
                table: "space_allocations",
                columns: new[] { "space_id", "allocated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_vehicles_community_id_plate",
                table: "vehicles",
                columns: new[] { "community_id", "plate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_waiting_list_community_id_joined_at",
                table: "waiting_list",
                columns: new[] { "community_id", "joined_at" });

            migrationBuilder.CreateIndex(
                name: "ix_waiting_list_community_id_owner_id",
                table: "waiting_list",
                columns: new[] { "community_id", "owner_id" },
                unique: true,
                filter: "left_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "blacklisted_plates");

            migrationBuilder.DropTable(
                name: "community_price_caps");

            migrationBuilder.DropTable(
                name: "gate_events");

            migrationBuilder.DropTable(
                name: "parking_lots");

            migrationBuilder.DropTable(
                name: "parking_sessions");

            migrationBuilder.DropTable(
                name: "parking_spaces");

            migrationBuilder.DropTable(
                name: "parking_violations");

            migrationBuilder.DropTable(
                name: "space_allocations");

            migrationBuilder.DropTable(
                name: "vehicles");

            migrationBuilder.DropTable(
                name: "waiting_list");
        }
    }
}
