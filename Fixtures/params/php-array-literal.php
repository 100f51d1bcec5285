$params = [
    'folder' => "avatars\n2023",
    'timestamp' => 1685544025,
    'tags' => ['a', 'b'],
    'use_filename' => TRUE,
];
