-- The outstanding rejections the site lists (Go fills it from site_rejections.sql's rows), for
-- site_rejection_findings.sql to find their findings.
CREATE OR REPLACE TEMP TABLE site_rejections (subject_kind VARCHAR, subject VARCHAR, file_sha256 VARCHAR, rejected_at TIMESTAMPTZ)
