CREATE TABLE "maintenance_runs" (
	"job" text PRIMARY KEY NOT NULL,
	"last_run_on" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "aspirants" ALTER COLUMN "first_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "aspirants" ALTER COLUMN "last_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "aspirants" ALTER COLUMN "personnummer" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "aspirants" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "audit_log_details_ids_idx" ON "audit_log" USING gin (("details" -> 'ids'));--> statement-breakpoint
CREATE INDEX "aspirants_retention_idx" ON "aspirants" USING btree ("exited_on") WHERE "aspirants"."anonymised_at" is null and "aspirants"."exited_on" is not null;--> statement-breakpoint
ALTER TABLE "aspirants" ADD CONSTRAINT "aspirants_identity_until_anonymised" CHECK (case when "aspirants"."anonymised_at" is null
        then "aspirants"."personnummer" is not null and "aspirants"."first_name" is not null and "aspirants"."last_name" is not null
        else "aspirants"."personnummer" is null and "aspirants"."first_name" is null and "aspirants"."last_name" is null and "aspirants"."notes" is null
          and "aspirants"."adaptation_needs" is null and "aspirants"."exited_on" is not null and "aspirants"."consent_at" is null end);