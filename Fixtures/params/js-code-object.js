const params = {
  folder: 'avatars',
  timestamp: 1685544025,
  "public_id": "ada",
  eager: undefined,
  tags: [
    'a',
    'b',
  ],
};
