-- GET /api/posts without authorId pages all posts by keyset, newest first (created_at DESC, id
-- DESC): a backward scan of this index from the cursor. With authorId, posts_author_created_idx.
CREATE INDEX posts_created_idx ON posts (created_at, id);
