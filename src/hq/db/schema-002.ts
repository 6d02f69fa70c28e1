// HQ schema step 2: per-shop catalog items and settings, edited at HQ and pulled by tills by an
// updated_at watermark (a till asks for everything changed after the newest updated_at it has seen).
export const HQ_SCHEMA_002 = `
CREATE TABLE shop_catalog (
  shop_id    TEXT NOT NULL REFERENCES shops(id),
  sku        TEXT NOT NULL,
  name       TEXT NOT NULL,
  price_fen  BIGINT NOT NULL CHECK (price_fen >= 0),
  active     BOOLEAN NOT NULL DEFAULT true,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (shop_id, sku)
);
CREATE INDEX shop_catalog_watermark ON shop_catalog(shop_id, updated_at);

CREATE TABLE shop_settings (
  shop_id    TEXT NOT NULL REFERENCES shops(id),
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (shop_id, key)
);
CREATE INDEX shop_settings_watermark ON shop_settings(shop_id, updated_at);
`;
